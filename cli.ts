/** Command-line composition root: wires engine, suites, profiles and the reference server. */
export async function main(_argv: string[]): Promise<number> {
  return 0;
}
