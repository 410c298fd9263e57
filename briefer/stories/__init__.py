"""The story layer: story clusters, quotes, timelines and disagreements."""
