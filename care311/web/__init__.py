"""What every page of the site shares before a view runs (not an app: it holds no models)."""
