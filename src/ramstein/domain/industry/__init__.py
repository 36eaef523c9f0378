"""The industrial base: donor stocks and their replenishment, production lines ramping from peacetime to surge
rates, contracts drawing on them, and the month-by-month forecast of supply against Ukraine's requirements,
with named what-if scenarios on top (docs/industry.md explains every figure)."""
