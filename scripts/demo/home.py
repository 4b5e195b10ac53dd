"""The home page in Japanese (site root) and English (``python -m scripts.demo``, ORDER 10)."""

from cpsplatform.home.pages import ensure_home_pages

ORDER = 10


def seed(stdout) -> None:
    ja, en = ensure_home_pages()
    stdout.write(f"  home page: {ja.url_path} (ja), {en.url_path} (en)")
