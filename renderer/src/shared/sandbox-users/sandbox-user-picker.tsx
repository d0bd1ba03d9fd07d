import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n/use-t.js";
import { SelectField } from "../../ui/field.js";
import { sandboxUsersMessages } from "./sandbox-users-messages.js";
import { useSandboxUsersStore } from "./sandbox-users-store.js";

/** The sandbox's test users, read again whenever `active` turns true (the local sandbox runs). */
export function useSandboxUsers(active: boolean) {
  const state = useSandboxUsersStore(
    useShallow((s) => ({ users: s.users, error: s.error, chosen: s.chosen, choose: s.choose, load: s.load })),
  );
  const { load } = state;
  useEffect(() => {
    if (active) void load();
  }, [active, load]);
  return state;
}

export interface SandboxUserPickerProps {
  /** Defaults to 「测试用户」. */
  label?: string;
  /** The chosen openid; defaults to the shared choice (the store's). */
  value?: string;
  onChange?: (openid: string) => void;
  /** A first, empty option (「选择…」) when choosing is optional. */
  placeholder?: string;
  className?: string;
}

/** One picker of a sandbox test user (nickname, or openid; snapshot-page users marked), for every screen. */
export function SandboxUserPicker({
  label,
  value,
  onChange,
  placeholder,
  className,
}: SandboxUserPickerProps) {
  const t = useT(sandboxUsersMessages);
  const { users, chosen, choose } = useSandboxUsersStore(
    useShallow((s) => ({ users: s.users, chosen: s.chosen, choose: s.choose })),
  );
  const name = (u: (typeof users)[number]) => u.nickname || u.openid;
  return (
    <SelectField
      {...(className === undefined ? {} : { className })}
      label={label ?? t.label}
      value={value ?? chosen}
      onChange={onChange ?? choose}
      options={[
        ...(placeholder === undefined ? [] : [{ value: "", label: placeholder }]),
        ...users.map((u) => ({ value: u.openid, label: u.snapshot ? t.snapshot(name(u)) : name(u) })),
      ]}
    />
  );
}
