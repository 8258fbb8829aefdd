"""The web app (`medcite serve`): server-rendered answer pages, articles, the Medical Advisory
Board review workflow and a JSON API, over one Engine. Needs the `web` extra."""
