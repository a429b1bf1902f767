"""Drives `flowdeck mcp` with the official MCP Python SDK (its stdio client), as an AI
assistant's client would: a client the project did not write.

    python3 drive.py SCENARIO PARAMS.json

PARAMS names the binary, its settings file, the variables it runs with and where to write.
The last line printed is a JSON object for the Rust test (tests/it/mcp.rs) to check against
the simulator. Every tool result is appended to PARAMS["results"] (one JSON per line) so the
test can scan them for secrets. Any failed expectation exits non-zero with what was seen.
"""

import asyncio
import contextlib
import json
import sys
import time

from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

TOOLS = {"list_accounts", "estimate", "generate", "batch_status", "retry", "cancel",
         "revise", "list_batches"}


def fail(why, seen=None):
    print(f"drive.py: {why}" + (f"\n  seen: {json.dumps(seen, default=str)[:4000]}" if seen is not None else ""),
          file=sys.stderr)
    sys.exit(1)


class Client:
    """One `flowdeck mcp` process and its session; every answer kept for the secret scan."""

    def __init__(self, params, session):
        self.params = params
        self.session = session

    async def call(self, name, arguments=None, progress=None):
        result = await self.session.call_tool(name, arguments or {}, progress_callback=progress)
        answer = {
            "tool": name,
            "is_error": bool(result.is_error),
            "structured": result.structured_content,
            "text": [c.text for c in result.content if getattr(c, "type", "") == "text"],
        }
        with open(self.params["results"], "a", encoding="utf-8") as f:
            f.write(json.dumps(answer) + "\n")
        return answer

    async def ok(self, name, arguments=None, progress=None):
        a = await self.call(name, arguments, progress)
        if a["is_error"] or not isinstance(a["structured"], dict):
            fail(f"{name} failed", a)
        return a["structured"]

    async def refused(self, name, arguments=None):
        a = await self.call(name, arguments)
        if not a["is_error"]:
            fail(f"{name} was not refused", a)
        return a


@contextlib.asynccontextmanager
async def connect(params, tag):
    server = StdioServerParameters(
        command=params["bin"],
        args=["-vv", "mcp", "--config", params["config"]],
        env=params["env"],
    )
    with open(f"{params['stderr']}.{tag}", "w", encoding="utf-8") as errlog:
        async with stdio_client(server, errlog=errlog) as (read, write):
            async with ClientSession(read, write) as session:
                init = await session.initialize()
                if init.server_info.name != "flowdeck":
                    fail("not flowdeck", init.model_dump())
                yield Client(params, session)


async def until_finished(client, batch, limit=120):
    """Polls batch_status until the batch has finished."""
    deadline = time.monotonic() + limit
    while True:
        status = await client.ok("batch_status", {"batch": batch})
        if status["finished"]:
            return status
        if time.monotonic() > deadline:
            fail("the batch never finished", status)
        await asyncio.sleep(0.2)


def scenes(prompts):
    return [{"prompt": p} for p in prompts]


async def full(params):
    """Initialize, list tools, price, refuse over the cap and without one, run, follow."""
    async with connect(params, "full") as c:
        tools = await c.session.list_tools()
        names = {t.name for t in tools.tools}
        if names != TOOLS:
            fail("the tools are not the eight", sorted(names))
        for t in tools.tools:
            if not t.description or t.input_schema.get("type") != "object":
                fail(f"{t.name} lacks a description or an object schema", t.model_dump())
        accounts = await c.ok("list_accounts")
        if {a["account"] for a in accounts["accounts"]} != set(params["accounts"]):
            fail("list_accounts does not list the accounts", accounts)
        options = params["options"]
        estimate = await c.ok("estimate", {"scenes": scenes(params["prompts"]), "options": options})
        if estimate["videos"] != len(params["prompts"]):
            fail("estimate counts the videos wrong", estimate)
        # Refused, nothing sent: without a cap, and over one.
        no_cap = await c.refused("generate", {"scenes": scenes(params["over_prompts"]), "options": options})
        over = await c.refused("generate", {"scenes": scenes(params["over_prompts"]), "options": options,
                                            "max_credits": 1, "max_dollars": 0.01})
        if over["structured"]["class"] != "cap" or "Nothing was sent" not in over["structured"]["error"]:
            fail("over the cap is not said as such", over)
        bad = await c.refused("generate", {"scenes": [{"prompt": "x", "start_image": "relative.png"}],
                                           "options": options, "max_dollars": 5})
        if bad["structured"]["class"] != "input":
            fail("a relative picture path is not an input error", bad)
        started = await c.ok("generate", {"scenes": scenes(params["prompts"]), "options": options,
                                          "max_credits": 10000, "max_dollars": 100,
                                          "out_dir": params["out"]})
        batch = started["batch"]
        told = []

        async def progress(done, total, message):
            told.append({"done": done, "total": total, "message": message})

        waited = await c.ok("batch_status", {"batch": batch, "wait_seconds": 120}, progress)
        status = waited if waited["finished"] else await until_finished(c, batch)
        if not told:
            fail("no progress notification while waiting", waited)
        batches = await c.ok("list_batches")
        if batch not in [b["batch"] for b in batches["batches"]]:
            fail("list_batches does not list the batch", batches)
        # An Omni video revised by a new instruction, within a cap.
        omni = next((t for t in status["takes"] if t["account"] == "gem"), None)
        if omni is None:
            fail("no take of the Gemini account to revise", status)
        await c.refused("revise", {"take": omni["take"], "instruction": "make it night"})
        revised = await c.ok("revise", {"take": omni["take"], "instruction": "make it night",
                                        "max_dollars": 5})
        revision = await until_finished(c, revised["batch"])
        after = await c.ok("list_accounts")
        return {"batch": batch, "status": status, "progress": told, "revision": revision,
                "accounts_after": after,
                "refusals": [no_cap["structured"], over["structured"]], "estimate": estimate}


async def refused(params):
    """A video the service refuses is failed with a class and code a script can read; retry
    without a cap and cancel of a batch not running here are refused."""
    async with connect(params, "refused") as c:
        told = []

        async def progress(done, total, message):
            told.append({"done": done, "total": total, "message": message})

        # Waiting in generate itself, with progress meanwhile.
        started = await c.ok("generate", {"scenes": scenes(params["prompts"]),
                                          "options": {"model": "omni-flash", "accounts": ["gem"]},
                                          "max_dollars": 5, "out_dir": params["out"],
                                          "wait_seconds": 60}, progress)
        if not started.get("finished") or not told or told[-1]["done"] != told[-1]["total"]:
            fail("generate did not wait with progress", {"started": started, "told": told})
        status = await until_finished(c, started["batch"])
        no_cap = await c.refused("retry", {"batch": started["batch"]})
        # A cap in credits alone keeps the accounts billed in dollars out: nothing is sent.
        credits_only = await c.refused("generate", {"scenes": scenes(["not sent"]),
                                                    "options": {"model": "omni-flash", "accounts": ["gem"]},
                                                    "max_credits": 1000})
        not_here = await c.refused("cancel", {"batch": started["batch"]})
        return {"status": status, "retry": no_cap["structured"], "cancel": not_here["structured"],
                "credits_only": credits_only["structured"]}


async def second(params):
    """A second client while the first one's batch runs is told who holds the folder; once
    the batch has finished the folder is free again."""
    async with connect(params, "first") as first, connect(params, "second") as other:
        started = await first.ok("generate", {"scenes": scenes(params["prompts"]),
                                              "options": params["options"],
                                              "max_credits": 10000, "max_dollars": 100,
                                              "out_dir": params["out"]})
        # Every tool of the second says who holds the folder (and sends nothing).
        calls = {
            "list_accounts": {},
            "estimate": {"scenes": [{"prompt": "x"}]},
            "generate": {"scenes": [{"prompt": "x"}], "max_dollars": 1},
            "batch_status": {"batch": started["batch"]},
            "list_batches": {},
            "retry": {"batch": started["batch"], "max_dollars": 1},
            "cancel": {"batch": started["batch"]},
            "revise": {"take": 1, "instruction": "x", "max_dollars": 1},
        }
        if set(calls) != TOOLS:
            fail("not every tool is tried", sorted(calls))
        held = {name: (await other.refused(name, args))["structured"] for name, args in calls.items()}
        status = await until_finished(first, started["batch"])
        # The first lets the folder go once its batch has finished.
        deadline = time.monotonic() + 30
        while True:
            free = await other.call("list_batches")
            if not free["is_error"]:
                break
            if time.monotonic() > deadline:
                fail("the folder was never let go", free)
            await asyncio.sleep(0.2)
        return {"batch": started["batch"], "held": held, "status": status, "free": free["structured"]}


async def budget(params):
    """The settings' day cap holds a take the call's own cap allowed ("held by budget", class
    budget, never sent); cancel stops the batch and the folder is let go."""
    async with connect(params, "budget") as c:
        started = await c.ok("generate", {"scenes": scenes(params["prompts"]),
                                          "options": {"model": "omni-flash", "accounts": ["gem"]},
                                          "max_dollars": 5, "out_dir": params["out"]})
        batch = started["batch"]
        deadline = time.monotonic() + 60
        while True:
            status = await c.ok("batch_status", {"batch": batch})
            classes = [t["class"] for t in status["takes"]]
            if "done" in status["counts"] and "budget" in classes:
                break
            if time.monotonic() > deadline:
                fail("no take was held by budget", status)
            await asyncio.sleep(0.2)
        await c.ok("cancel", {"batch": batch})
        ended = await until_finished(c, batch)
        deadline = time.monotonic() + 30
        while (await c.ok("list_batches"))["batches"][0]["running_here"]:
            if time.monotonic() > deadline:
                fail("the batch still runs after cancel", ended)
            await asyncio.sleep(0.2)
        return {"held": status, "ended": ended}


async def main():
    scenario, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        params = json.load(f)
    scenarios = {"full": full, "second": second, "refused": refused, "budget": budget}
    outcome = await scenarios[scenario](params)
    print(json.dumps(outcome))


if __name__ == "__main__":
    asyncio.run(main())
