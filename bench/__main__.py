"""`python -m bench` (make bench): every benchmark, one after the other."""

from bench import import_speed, refresh_speed

if __name__ == "__main__":
    import_speed.main()
    refresh_speed.main()
