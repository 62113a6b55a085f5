"""``consult cache info|clear``: what the on-disk token cache holds, and emptying it."""

from __future__ import annotations

import click

from .common import handle_errors


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{int(n)} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"  # pragma: no cover


@click.group("cache")
def cache() -> None:
    """The on-disk cache of tokens, font subsets and theme fits ($CONSULT_CACHE_DIR, default
    ~/.cache/consult).

    \b
    Examples:
      consult cache info
      consult cache clear
    """


@cache.command("info")
@handle_errors
def info() -> None:
    """Print the cache folder and how many entries and bytes it holds."""
    from ..cache import disk_info
    from ..tokens import cache_dir

    root = cache_dir()
    if root is None:
        click.echo("token cache: off (CONSULT_CACHE_DIR=off)")
        return
    stats = disk_info(root)
    click.echo(f"folder: {root}")
    click.echo(f"configurations: {stats['configurations']}")
    click.echo(f"files: {stats['files']}")
    click.echo(f"entries: {stats['entries']}")
    click.echo(f"size: {_size(int(stats['bytes']))}")


@cache.command("clear")
@handle_errors
def clear() -> None:
    """Delete every cached token entry, font subset and theme fit (the next run makes them again)."""
    from ..cache import disk_info
    from ..tokens import cache_dir, clear_cache

    root = cache_dir()
    if root is None:
        click.echo("token cache: off (CONSULT_CACHE_DIR=off); nothing to clear")
        return
    stats = disk_info(root)
    clear_cache(disk=True)
    click.echo(f"removed {stats['entries']} entries ({_size(int(stats['bytes']))}) from {root}")
