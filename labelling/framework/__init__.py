"""The indicator framework and the label rules: framework versions, dimensions and indicators (`models`), the
label levels and every number attached to them (`levels`), the scoring rules as pure functions (`scoring`) and
the check of a typed value against its indicator (`validation`).

The ground of the label process: it imports nothing from the other parts of `labelling` (selfassessment,
certificates, review), which all build on it.
"""
