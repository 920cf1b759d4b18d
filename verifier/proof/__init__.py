"""Proof certificates: writing, reading and re-checking inductive invariants."""
