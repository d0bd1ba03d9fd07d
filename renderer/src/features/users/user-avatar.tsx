import { useState } from "react";

export interface UserAvatarProps {
  url?: string;
  nickname?: string;
  size?: "sm" | "lg";
}

/** The WeChat avatar, or the nickname's first character when there is none (or it does not load). */
export function UserAvatar({ url, nickname, size = "sm" }: UserAvatarProps) {
  const [broken, setBroken] = useState<string | undefined>();
  const initial = nickname ? Array.from(nickname)[0] : undefined;
  // Decorative: the nickname beside it names the user.
  return url && broken !== url ? (
    <img
      className={`user-avatar user-avatar--${size}`}
      src={url}
      alt=""
      loading="lazy"
      referrerPolicy="no-referrer"
      onError={() => setBroken(url)}
    />
  ) : (
    <span className={`user-avatar user-avatar--${size} user-avatar--blank`} aria-hidden="true">
      {initial ?? "?"}
    </span>
  );
}
