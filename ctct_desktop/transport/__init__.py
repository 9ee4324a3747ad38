"""Sending requests with httpx: preparation, timing, failure classification. No Qt."""
