"""The story layer: clusters of articles about one event, with quotes, dates and disputes."""
