"""Pure rules of the marketplace: the profile lifecycle and the quality checks run at submission."""
