"""The explainer in the app: the explanation card, the article viewer and the error reference."""
