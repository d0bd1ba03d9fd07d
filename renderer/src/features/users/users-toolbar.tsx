import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n/use-t.js";
import { SearchField, SelectField } from "../../ui/field.js";
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
      <SearchField
        label={t.searchLabel}
        hint={t.searchHint}
        className="users-toolbar__search"
        value={query.q}
        placeholder={t.searchPlaceholder}
        maxLength={200}
        onChange={setSearchText}
        onCompositionEnd={(value) => setSearchText(value)}
      />
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
