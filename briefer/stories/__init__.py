"""The story layer: clusters of articles about one event, with quotes, timeline and disagreements."""
