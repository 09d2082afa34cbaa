import type { Command } from 'commander';

// Placeholder replaced by the import command implementation.
export function registerImport(_program: Command): void {}
