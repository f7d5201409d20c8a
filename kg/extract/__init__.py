"""Rule-based extractors that find candidate annotations (figures, ...) in article text."""
