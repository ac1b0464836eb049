"""Demo data for netzwerk (Bildungsregion Trier) and its generator."""
