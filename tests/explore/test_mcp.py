"""`mgscan mcp` through the SDK's own client over stdio."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import anyio
import pytest

pytest.importorskip("mcp")
from mcp import ClientSession  # noqa: E402
from mcp.client.stdio import StdioServerParameters, stdio_client  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "sample_bundles" / "modelmesh-serverless.tar.gz"


async def _session(cache: Path, calls: list[tuple[str, dict[str, object]]]) -> list[str]:
    params = StdioServerParameters(command=sys.executable, args=[
        "-m", "analyzer", "mcp", "-b", str(SAMPLE)],
        env={**os.environ, "MGSCAN_CACHE_DIR": str(cache)})
    out = []
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        tools = await session.list_tools()
        out.append(",".join(sorted(t.name for t in tools.tools)))
        for name, args in calls:
            result = await session.call_tool(name, args)
            out.append("".join(c.text for c in result.content if hasattr(c, "text")))
    return out


def test_mcp_tools_over_stdio(tmp_path: Path) -> None:
    calls: list[tuple[str, dict[str, object]]] = [
        ("query", {"sql": "select kind, count(*) n from resources group by 1 order by 1"}),
        ("query", {"sql": "select * from read_text('/etc/passwd')"}),
        ("query", {"sql": "copy (select 1) to '/tmp/x.csv'"}),
        ("get", {"kind": "isvc", "namespace": "ds-project-mm"}),
        ("logs", {"pod": "modelmesh-serving-ovms-p24v5dtf6z-6886t", "container": "mm",
                  "tail": 1}),
        ("events", {"type": "Warning"}),
        ("findings", {}),
        ("rules", {"rule": "components.kserve.serverless-removal"}),
    ]
    names, q, passwd, copy, got, log, events, findings, rules = anyio.run(
        _session, tmp_path / "cache", calls)
    assert names == "events,findings,get,logs,query,rules"
    assert {"kind": "InferenceService", "n": 5} in json.loads(q)["data"]
    assert passwd.startswith("error:") and "root:" not in passwd
    assert copy.startswith("error:") and not Path("/tmp/x.csv").exists()
    assert [i["metadata"]["name"] for i in json.loads(got)["items"]] == ["fraud-mm", "mnist-mm"]
    assert log.count("\n") == 1 and "INFO" in log
    assert "InternalError" in events
    assert json.loads(findings)["verdict"] in ("FAIL", "PROHIBITED")
    assert json.loads(rules)[0]["aliases"] == ["components.kserve.serverless-removal"]
