"""The top layer: the rotation's plan with its letter steps, composed from rotations, evidence and letters.

It owns no models. It builds the plan (``services.rotation_plan``), marks its steps done, and assembles
the pages that show it (Today, a rotation, its plan, a person), the calendar feed and the morning digest.
"""
