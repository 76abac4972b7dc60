"""Language stages: one module per stage of DESIGN.md's data flow."""
