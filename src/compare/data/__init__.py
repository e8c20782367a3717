"""Small lexicons and learned weights shipped with the package; see README.md for sources and licences."""
