-- The message id of the last question the bot sent with buttons bound to a state, so its keyboard can be removed
-- once the question is answered by typing or sharing, or left (issue 11, item 12): a press already names the
-- message, other answers do not. Null when there is none; it goes with the row when the person is erased.
alter table conversation add column question_message_id integer;
