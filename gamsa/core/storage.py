from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files; plain names for files not collected yet (tests, fresh checkouts).

    The address of a file listed in the manifest is worked out once per process: every page asks for the same five
    (fonts, styles, scripts), and each answer cost a name clean-up, two URL splits and a join."""

    manifest_strict = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            return name

    def url(self, name, force=False):
        cached = None if force else self._urls.get(name)
        if cached is not None:
            return cached
        url = super().url(name, force)
        if not force and self.clean_name(name) in self.hashed_files:  # collected: its address cannot change
            self._urls[name] = url
        return url
