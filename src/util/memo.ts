// Work that depends only on one object (a questionnaire, a question), done once per object:
// a batch renders and checks thousands of files against the same few questionnaires.

/** `make`, remembered for each object it is given, for as long as that object lives. */
export function memoPerObject<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(key)));
    return value;
  };
}
