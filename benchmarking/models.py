"""Models of the benchmarking app."""
