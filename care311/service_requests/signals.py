"""Sent after a transaction that changed a request commits, with the history event."""

from django.dispatch import Signal

# Receivers get `request` and `event`; they run after commit, so a rolled-back change never
# notifies anyone.
request_changed = Signal()
