/** Emoji and text emoticons: the same in every language, merged into each language's lexicon. */
export const UNIVERSAL = {
  positive: `🙂, 😊, 😀, 😃, 😄, 😁, 😉, 😌, ✨, 🎉, 🥳, 💯, ✅, 🌟, ⭐, 💪, 🤗, :), :-), =), (:, :d, :-d, ;), ;-), :p`,
  strongPositive: `😍, 🥰, 😘, ❤, 💕, 💖, 💗, 💓, 💞, 💙, 💚, 💛, 💜, 🧡, 👍, 👏, 🙌, 🔥, <3, 🤩, 😻`,
  negative: `😕, 😟, 😒, 😔, 😞, 😣, 😖, 😫, 😩, 😤, 😑, 😐, 🙁, ☹, 😢, 😥, 😰, 😨, 🤔, :(, :-(, ):, :/, :-/, =(`,
  strongNegative: `😡, 😠, 🤬, 👎, 💔, 😭, 🤮, 🤢, 💩, 🙄, 😱, 😪, 😓`,
};
