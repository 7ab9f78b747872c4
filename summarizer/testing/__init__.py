"""Helpers for testing code that uses summarizer: replaying recorded model responses."""
