import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n/use-t.js";
import { Field, SelectField } from "../../ui/field.js";
import { tokenMessages } from "./token-messages.js";
import { scopeWords, stateWords } from "./token-words.js";
import { usersMessages } from "./users-messages.js";
import { SCOPES, type ScopeFilter, type StateFilter, TOKEN_STATES } from "./users-query.js";
import { useUsersStore } from "./users-store.js";

/** Search box and the two filters; each filter explains the choice it shows. */
export function UsersToolbar() {
  const t = useT(usersMessages);
  const tt = useT(tokenMessages);
  const { query, setSearchText, setScope, setTokenState } = useUsersStore(
    useShallow((s) => ({
      query: s.query,
      setSearchText: s.setSearchText,
      setScope: s.setScope,
      setTokenState: s.setTokenState,
    })),
  );
  const scopeOptions = [
    { value: "all" as ScopeFilter, label: t.allScopes },
    ...SCOPES.map((scope) => ({ value: scope as ScopeFilter, label: scopeWords(tt, scope).label })),
  ];
  const stateOptions = [
    { value: "all" as StateFilter, label: t.allStates },
    ...TOKEN_STATES.map((state) => ({ value: state as StateFilter, label: stateWords(tt, state).label })),
  ];
  return (
    <div className="users-toolbar">
      <Field label={t.searchLabel} hint={t.searchHint} className="users-toolbar__search">
        {(control) => (
          <input
            {...control}
            className="input"
            type="search"
            value={query.q}
            placeholder={t.searchPlaceholder}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            onChange={(event) =>
              setSearchText(event.target.value, (event.nativeEvent as InputEvent).isComposing === true)
            }
            onCompositionEnd={(event) => setSearchText(event.currentTarget.value)}
          />
        )}
      </Field>
      <SelectField
        className="users-toolbar__filter"
        label={t.scopeLabel}
        value={query.scope}
        options={scopeOptions}
        hint={query.scope === "all" ? t.allScopesHint : scopeWords(tt, query.scope).hint}
        onChange={setScope}
      />
      <SelectField
        className="users-toolbar__filter"
        label={t.stateLabel}
        value={query.tokenState}
        options={stateOptions}
        hint={query.tokenState === "all" ? t.allStatesHint : stateWords(tt, query.tokenState).hint}
        onChange={setTokenState}
      />
    </div>
  );
}
