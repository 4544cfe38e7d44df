"""Monitoring: events against known red lines."""
