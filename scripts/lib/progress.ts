// A one-line progress indicator for long command-line work (imports, seeding, benchmarks).
export function progressPrinter(label: string): (done: number, total: number) => void {
  const interactive = process.stdout.isTTY;
  let lastPercent = -1;
  return (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === lastPercent && done !== total) return;
    if (!interactive && percent % 25 !== 0 && done !== total) return;
    lastPercent = percent;
    const line = `${label}: ${done}/${total} (${percent}%)`;
    if (interactive) process.stdout.write(`\r${line}${done === total ? "\n" : ""}`);
    else console.log(line);
  };
}
