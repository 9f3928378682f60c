"""The pure domain core of ECP Live: rules, state transitions, permissions and dates.

Nothing in this package imports Flask, Socket.IO or a database session, or reads the clock:
time and identity arrive as arguments, so every rule can be tested without a server.
"""
