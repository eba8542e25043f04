"""care311: run a city's 311 customer-care operation."""
