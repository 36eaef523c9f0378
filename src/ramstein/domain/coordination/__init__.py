"""The coordination engine's registers: Ukraine's requirements, donors' offers, the item catalogue, end-use
restrictions, training courses, allocation rounds and deliveries. Pure: `build_problem` turns the registers
as of a date into the optimiser's `allocation.Problem` (docs/coordination.md)."""
