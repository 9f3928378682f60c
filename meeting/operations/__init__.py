"""Operations: load rows, call the domain, flush. The edge commits."""
