"""Raspberry Pi parts: button, LED, audio profiles, service."""
