"""Serving stage: `podium serve`, the site and previews of every PDF, rebuilt as the agenda is edited."""
