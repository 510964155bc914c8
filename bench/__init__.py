"""Benchmarks: build their own synthetic inputs and stores, print figures (`make bench`)."""
