import { describe, expect, it } from "vitest";
import { can, MissingScopeError, projectScope, type Action, type Actor } from "@/lib/auth/permissions";

const AKTOBE = 1;
const ATYRAU = 2;
const users: Record<string, Actor> = {
  admin: { id: 1, role: "ADMIN", oblastId: null },
  ministry: { id: 2, role: "MINISTRY", oblastId: null },
  manager: { id: 3, role: "MANAGER", oblastId: null },
  akimat: { id: 4, role: "AKIMAT", oblastId: AKTOBE },
};
const ownProject = { oblastIds: [AKTOBE] };
const otherProject = { oblastIds: [ATYRAU] };
const interOblastProject = { oblastIds: [ATYRAU, AKTOBE] };

// The role table of the progress issue: what each role may do with a project of its own and of another oblast.
const EXPECTED: Record<string, Partial<Record<Action, [own: boolean, other: boolean]>>> = {
  admin: {
    "project.view": [true, true],
    "project.recordProgress": [true, true],
    "project.editDetails": [true, true],
    "fieldReport.submit": [false, false],
    "fieldReport.review": [true, true],
  },
  ministry: {
    "project.view": [true, true],
    "project.recordProgress": [true, true],
    "project.editDetails": [true, true],
    "fieldReport.submit": [false, false],
    "fieldReport.review": [true, true],
  },
  manager: {
    "project.view": [true, true],
    "project.recordProgress": [false, false],
    "project.editDetails": [false, false],
    "fieldReport.submit": [false, false],
    "fieldReport.review": [false, false],
  },
  akimat: {
    "project.view": [true, false],
    "project.recordProgress": [false, false],
    "project.editDetails": [false, false],
    "fieldReport.submit": [true, false],
    "fieldReport.review": [false, false],
  },
};

describe("can(user, action, project)", () => {
  for (const [name, actions] of Object.entries(EXPECTED)) {
    for (const [action, [own, other]] of Object.entries(actions)) {
      it(`${name} ${own ? "may" : "may not"} ${action} on a project of their oblast and ${other ? "may" : "may not"} on another oblast's`, () => {
        expect(can(users[name]!, action as Action, ownProject)).toBe(own);
        expect(can(users[name]!, action as Action, otherProject)).toBe(other);
      });
    }
  }

  it("akimat officer sees an inter-oblast project that touches their oblast", () => {
    expect(can(users.akimat!, "project.view", interOblastProject)).toBe(true);
  });

  it("only an admin manages users; manager, ministry and admin read the audit log", () => {
    expect(
      Object.entries(users)
        .filter(([, user]) => can(user, "user.manage"))
        .map(([name]) => name),
    ).toEqual(["admin"]);
    expect(
      Object.entries(users)
        .filter(([, user]) => can(user, "audit.read"))
        .map(([name]) => name),
    ).toEqual(["admin", "ministry", "manager"]);
  });

  it("an akimat officer without an oblast is refused instead of seeing everything", () => {
    const broken: Actor = { id: 9, role: "AKIMAT", oblastId: null };
    expect(() => can(broken, "project.view", ownProject)).toThrow(MissingScopeError);
    expect(() => projectScope(broken)).toThrow(MissingScopeError);
  });

  it("a user without an id is refused", () => {
    expect(() => can({ id: 0, role: "ADMIN", oblastId: null }, "project.view")).toThrow(MissingScopeError);
  });

  it("the project scope of an akimat officer is their oblast, of everyone else all oblasts", () => {
    expect(projectScope(users.akimat!)).toEqual({ oblasts: { some: { oblastId: AKTOBE } } });
    expect(projectScope(users.manager!)).toEqual({});
  });
});
