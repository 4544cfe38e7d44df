"""Escalation: the red-line graph and what-if cascades."""
