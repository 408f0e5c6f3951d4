"""Graph searches over a plan's routing: which steps a walk can reach, in which order, and
where the routing loops."""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterable, Mapping, Sequence

from stappenplan.plan.model import END, Plan, Step


def step_targets(plan: Plan) -> dict[str, list[str]]:
    """Step id -> the steps its routes go to (existing steps only, each once, in route order)."""
    index = plan.step_index
    return {
        step.id: list(dict.fromkeys(route.goto for route in step.next if route.goto in index))
        for step in plan.steps
    }


def breadth_first(starts: Iterable[str], edges: Mapping[str, Sequence[str]]) -> list[str]:
    """Every node reachable from `starts` along `edges`, in breadth-first order, each once.

    Nodes that `edges` does not know are left out.
    """
    found: dict[str, None] = {}
    queue: deque[str] = deque(starts)
    while queue:
        node = queue.popleft()
        if node in edges and node not in found:
            found[node] = None
            queue.extend(edges[node])
    return list(found)


def reachable(plan: Plan) -> list[str]:
    """The ids of the steps some walk can reach, breadth-first from the start."""
    return breadth_first([plan.plan.start], step_targets(plan))


def can_finish(plan: Plan) -> list[str]:
    """The steps that can end the walk, and every step that can reach one of them."""
    index = plan.step_index
    ends = [
        step.id
        for step in plan.steps
        if not step.next or any(r.goto == END or r.goto not in index for r in step.next)
    ]
    sources: dict[str, list[str]] = {step.id: [] for step in plan.steps}
    for origin, goes in step_targets(plan).items():
        for target in goes:
            sources[target].append(origin)
    return breadth_first(ends, sources)


def walking_order(plan: Plan) -> list[Step]:
    """The steps in the order a walk meets them, then the steps no walk reaches (plan order).

    Reachable steps are put in topological order (a step after every step that routes to it),
    ties broken by breadth-first rank, so a printed plan reads in the order a walk asks.
    """
    steps = plan.step_index
    edges = step_targets(plan)
    found = breadth_first([plan.plan.start], edges)
    rank = {step_id: number for number, step_id in enumerate(found)}
    incoming = dict.fromkeys(found, 0)
    targets: dict[str, list[str]] = {}
    for step_id in found:
        targets[step_id] = [target for target in edges[step_id] if target in incoming]
        for target in targets[step_id]:
            incoming[target] += 1
    order: list[str] = []
    ready = [(rank[step_id], step_id) for step_id in found if incoming[step_id] == 0]
    while ready:
        _, step_id = heapq.heappop(ready)
        order.append(step_id)
        for target in targets[step_id]:
            incoming[target] -= 1
            if incoming[target] == 0:
                heapq.heappush(ready, (rank[target], target))
    placed = set(order)
    order += [step_id for step_id in found if step_id not in placed]  # a cycle: BFS order
    order += list(dict.fromkeys(step.id for step in plan.steps if step.id not in rank))
    return [steps[step_id] for step_id in order]


def cycles(targets: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """One representative cycle per strongly connected component (iterative Tarjan)."""
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = 0
    for root in targets:
        if root in index_of:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index_of[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = targets[node]
            if position < len(children):
                work.append((node, position + 1))
                child = children[position]
                if child not in index_of:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index_of[child])
                continue
            if low[node] == index_of[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in targets[node]:
                    cycles.append(list(reversed(component)))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return cycles
