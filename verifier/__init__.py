"""irqverify: a verifier for kernel locking protocols."""

__version__ = "0.1.0"
