"""Demo data: the June 2025 visit of SCENARIO.md with the partners, agreements,
sites and visits around it. Loaded by ``flask demo load``, never in production."""
