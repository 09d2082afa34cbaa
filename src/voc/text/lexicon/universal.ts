/** Emoji and text emoticons: the same in every language, merged into each language's lexicon. */
export const UNIVERSAL = {
  positive: `🙂, 😊, 😀, 😃, 😄, 😁, 😉, 😌, ✨, 🎉, 🥳, 💯, ✅, 🌟, ⭐, 💪, 🤗, :), :-), =), (:, :d, :-d, ;d, ;-d, ;), ;-), :p, ;p, =d, xd`,
  strongPositive: `😍, 🥰, 😘, ❤, 💕, 💖, 💗, 💓, 💞, 💙, 💚, 💛, 💜, 🧡, 👍, 👏, 🙌, 🔥, <3, 🤩, 😻`,
  negative: `😕, 😟, 😒, 😔, 😞, 😣, 😖, 😫, 😩, 😤, 😑, 😐, 🙁, ☹, 😢, 😥, 😰, 😨, 🤔, :(, :-(, ;(, ;-(, ):, :/, :-/, =(, :'(`,
  strongNegative: `😡, 😠, 🤬, 👎, 💔, 😭, 🤮, 🤢, 💩, 🙄, 😱, 😪, 😓`,
};
