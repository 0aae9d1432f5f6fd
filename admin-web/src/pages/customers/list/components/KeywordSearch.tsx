import { Input } from 'antd';
import React, { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// Long enough that a word typed at normal speed asks once, short enough to feel immediate.
const typingPause = 300;

/**
 * The keyword box: searches as the person types (after a pause), at once on Enter or 搜索.
 * `value` is the keyword in effect; it changes from outside when a saved view is chosen.
 */
export function KeywordSearch({ value, onSearch }: { value: string; onSearch: (keyword: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const committed = useRef(value);
  // While an input method composes (typing "zhang" to pick 张), the box holds letters that are not
  // the keyword yet; searching for them would flash unrelated results.
  const composing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const commit = (keyword: string) => {
    clearTimeout(timer.current);
    if (keyword.trim() === committed.current.trim()) return;
    committed.current = keyword;
    onSearch(keyword);
  };

  useEffect(() => {
    // Only a keyword set from outside replaces what is typed; our own commits come back as `value`
    // too, and must not undo letters typed since.
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const schedule = (keyword: string) => {
    clearTimeout(timer.current);
    if (composing.current) return;
    timer.current = setTimeout(() => commit(keyword), typingPause);
  };

  return (
    <Input.Search
      size="large"
      value={text}
      placeholder={t('customers.searchPlaceholder')}
      aria-label={t('customers.searchLabel')}
      allowClear
      enterButton={t('customers.search')}
      style={{ maxWidth: 560 }}
      onChange={(event) => {
        setText(event.target.value);
        schedule(event.target.value);
      }}
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={(event) => {
        composing.current = false;
        schedule(event.currentTarget.value);
      }}
      onSearch={(keyword) => commit(keyword)}
    />
  );
}
