"""Exports: the FORMAT.md JSON document format and other formats."""
