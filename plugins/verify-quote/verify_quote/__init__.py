"""verify-quote: a verify plugin checking attributed speech against recorded statements."""

__version__ = "0.1.0"
