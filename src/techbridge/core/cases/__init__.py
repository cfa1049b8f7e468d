"""Cooperation cases: the stage machine, assessment aggregation, funnel arithmetic and document signatures."""
