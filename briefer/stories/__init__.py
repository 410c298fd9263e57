"""Story layer: clusters of articles about one event, their quotes, timelines and disagreements."""
