// Every npm script, test runner and the Docker entrypoint run from the project root.
export const PROJECT_ROOT = process.cwd();
